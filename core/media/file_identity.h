#pragma once
// What makes a video file "the same file" for every cache in the app: its canonical path, device and inode, size and
// modification time. A video re-exported at the same path while the app runs gets a new identity, so no cache
// (open samplers, decoded frames, encoded segments, thumbnails) answers from the old file's frames (issue 13).

#include <string>

namespace gitvqa {

// "" when the file cannot be examined (missing, no permission): callers then treat it as not cacheable.
std::string fileIdentity(const std::string& path);

} // namespace gitvqa
