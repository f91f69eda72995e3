"""The portal's menu items and home-page panels for its children part, registered as the app starts."""
