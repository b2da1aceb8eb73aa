#pragma once
// A request's "stop now?" question, polled by the media layer while FFmpeg blocks (through AVIOInterruptCB) and
// between packets. A callable owned by the request rather than a flag set on a sampler object: whoever cancels never
// needs a pointer to a sampler that another thread may have closed in the meantime (issue 13).

#include <functional>

namespace gitvqa {

using CancelCheck = std::function<bool()>;

} // namespace gitvqa
