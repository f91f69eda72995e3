"""The portal's menu items and home-page panels for its household part, registered as the app starts."""
