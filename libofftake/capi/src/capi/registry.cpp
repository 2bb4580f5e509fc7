#include "capi/registry.hpp"

#include <mutex>
#include <unordered_map>

namespace offtake::capi {

namespace {
// Process-wide bookkeeping of which addresses are live handles. It holds no
// computation state; the lock is held for one hash lookup. Never destroyed, so that
// handles freed from static destructors of the host program still find it.
struct Registry {
    std::mutex mutex;
    std::unordered_map<const void*, HandleKind> live;
};

Registry& registry() {
    static Registry* instance = new Registry();
    return *instance;
}
}  // namespace

void register_handle(const void* handle, HandleKind kind) {
    Registry& r = registry();
    std::lock_guard<std::mutex> lock(r.mutex);
    r.live[handle] = kind;
}

bool unregister_handle(const void* handle, HandleKind kind) {
    Registry& r = registry();
    std::lock_guard<std::mutex> lock(r.mutex);
    auto it = r.live.find(handle);
    if (it == r.live.end() || it->second != kind) return false;
    r.live.erase(it);
    return true;
}

bool is_live(const void* handle, HandleKind kind) {
    Registry& r = registry();
    std::lock_guard<std::mutex> lock(r.mutex);
    auto it = r.live.find(handle);
    return it != r.live.end() && it->second == kind;
}

}  // namespace offtake::capi
