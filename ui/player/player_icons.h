#pragma once
// The player's button icons, drawn from the palette's text colours. The style's standard media icons are dark
// pixmaps that vanish on a dark palette; these follow the light or dark look (redraw them on a palette change).

#include <QIcon>
#include <QPalette>

namespace gitvqa {

enum class PlayerIcon { Play, Pause, FrameBack, FrameForward, Volume, Muted, FullScreen };

QIcon playerIcon(PlayerIcon which, const QPalette& palette);

} // namespace gitvqa
