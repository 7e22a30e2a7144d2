"""One module a command (story.py: recap and quiz), each registering itself on the app when
imported; root.COMMANDS lists them in the order help shows them."""
