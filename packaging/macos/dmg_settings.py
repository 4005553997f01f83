# dmgbuild settings for the Parallax disk image: the app beside a link to /Applications.
#
#   dmgbuild -s packaging/macos/dmg_settings.py -D app=dist/Parallax.app \
#            "Parallax 0.1.0" dist/Parallax-0.1.0-arm64.dmg
#
# The volume name (with the version) and the output file are dmgbuild's arguments;
# `-D app=...` names the bundle (default dist/Parallax.app), `-D format=...` the image
# format (default UDZO, zlib-compressed, opens on every macOS). dmgbuild runs this file
# with `defines` set; it needs macOS (hdiutil).

import os.path

application = defines.get("app", "dist/Parallax.app")  # noqa: F821 - given by dmgbuild
app_name = os.path.basename(application)

format = defines.get("format", "UDZO")  # noqa: F821
filesystem = "HFS+"

files = [application]
symlinks = {"Applications": "/Applications"}

# The volume's own icon: the app's.
icon = os.path.join(application, "Contents", "Resources", "parallax.icns")

# A plain window: drag the app onto Applications, arrow drawn between them.
background = "builtin-arrow"
window_rect = ((200, 160), (560, 360))
default_view = "icon-view"
show_status_bar = False
show_tab_view = False
show_toolbar = False
show_pathbar = False
show_sidebar = False
show_icon_preview = False
include_icon_view_settings = "auto"
include_list_view_settings = "auto"
arrange_by = None
grid_offset = (0, 0)
grid_spacing = 100
label_pos = "bottom"
text_size = 13
icon_size = 112
icon_locations = {
    app_name: (140, 170),
    "Applications": (420, 170),
}
