// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/net/freememory.h"

#include <cstddef>
#include <dlfcn.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace sori::server {

void returnFreeMemory()
{
    // Looked up, not linked: the server core does not depend on jemalloc being there.
    using MallCtl = int (*)(const char *, void *, std::size_t *, void *, std::size_t);
    static const auto mallctl = reinterpret_cast<MallCtl>(::dlsym(RTLD_DEFAULT, "mallctl"));
    if (mallctl) {
        // 4096 is MALLCTL_ARENAS_ALL: every arena gives back its unused pages.
        mallctl("arena.4096.purge", nullptr, nullptr, nullptr, 0);
        return;
    }
#ifdef __GLIBC__
    ::malloc_trim(0);
#endif
}

} // namespace sori::server
