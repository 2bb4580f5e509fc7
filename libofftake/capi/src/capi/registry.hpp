// The registry of live handles: lets every entry point tell a valid handle from NULL,
// from a freed one and from a handle of another kind without reading the memory the
// pointer designates (reading a freed handle would itself be undefined behaviour).
#pragma once

namespace offtake::capi {

enum class HandleKind { Deal, Problems, Result, Options };

void register_handle(const void* handle, HandleKind kind);
// Returns false when `handle` was not live (double free): the caller must not delete it.
bool unregister_handle(const void* handle, HandleKind kind);
bool is_live(const void* handle, HandleKind kind);

}  // namespace offtake::capi
