"""The portal's menu items and home-page panels for its money part, registered as the app starts."""
