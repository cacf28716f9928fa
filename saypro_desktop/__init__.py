"""SayPro Desktop: offline coalition building for field organisers."""

__version__ = "0.1.0"
APP_NAME = "SayPro Desktop"
APP_AUTHOR = "SayPro"
