CREATE DATABASE rasa_registry OWNER rasa;
