"""The portal's menu items and home-page panels for its application part, registered as the app starts."""
