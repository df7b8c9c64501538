"""Fonts, templates, translations and the category catalogue, installed as desktop.resources."""
