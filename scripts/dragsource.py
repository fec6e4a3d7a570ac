"""A tiny GTK3 drag source for the GUI smoke test: a window at (X, Y) that
offers the given files as text/uri-list, so that xdotool can make a real XDND
drop onto the Exchange window.  Usage: dragsource.py X Y FILE..."""
import sys
import gi

gi.require_version("Gtk", "3.0")
gi.require_version("Gdk", "3.0")
from gi.repository import Gdk, GLib, Gtk  # noqa: E402

x, y = int(sys.argv[1]), int(sys.argv[2])
uris = [GLib.filename_to_uri(f, None) for f in sys.argv[3:]]

win = Gtk.Window(title="dragsource")
win.set_default_size(160, 100)
win.move(x, y)
button = Gtk.Button(label="drag me")
button.drag_source_set(Gdk.ModifierType.BUTTON1_MASK, [], Gdk.DragAction.COPY)
button.drag_source_add_uri_targets()


def on_get(widget, context, data, info, time):
    data.set_uris(uris)


button.connect("drag-data-get", on_get)
win.add(button)
win.connect("destroy", Gtk.main_quit)
win.show_all()
print("ready", flush=True)
Gtk.main()
