"""Custom actions for the Rasa SDK action server (`rasa run actions`)."""
