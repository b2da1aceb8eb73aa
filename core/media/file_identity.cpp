#include "media/file_identity.h"

#include <filesystem>
#include <sys/stat.h>

namespace gitvqa {

std::string fileIdentity(const std::string& path)
{
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return {};
    std::error_code ec;
    std::string key = std::filesystem::weakly_canonical(path, ec).string();
    if (ec)
        key = path;
    // Nanosecond times where the platform has them: two exports within the same second still differ. The inode
    // catches the usual "write a temporary file, rename it over the old one" export even at an equal size and time.
#if defined(__APPLE__)
    const long long sec = st.st_mtimespec.tv_sec, nsec = st.st_mtimespec.tv_nsec;
#else
    const long long sec = st.st_mtim.tv_sec, nsec = st.st_mtim.tv_nsec;
#endif
    key += "|" + std::to_string(static_cast<unsigned long long>(st.st_dev)) + ":"
        + std::to_string(static_cast<unsigned long long>(st.st_ino)) + "|" + std::to_string(static_cast<long long>(st.st_size))
        + "|" + std::to_string(sec) + "." + std::to_string(nsec);
    return key;
}

} // namespace gitvqa
