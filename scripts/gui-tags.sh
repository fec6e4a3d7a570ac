# Build tags of the window (cmd/exchange-gui), sourced by every script and by
# the Makefile that build it, so that all of them build the same program.
#
# no_emoji: Fyne leaves out its colour emoji font (EmojiOneColor, 4 MB), which
# it otherwise parses at start-up as a fallback for every text style. Without
# it the window starts with 25 MiB less resident memory and a 4 MB smaller
# binary (bench/gui-memory.sh). Exchange shows no emoji of its own; a file
# name that holds one is drawn with the system's emoji font when it has one.
GUI_TAGS=no_emoji
