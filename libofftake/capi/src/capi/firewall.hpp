// The boundary between the C API and the C++ engine. Every entry point runs its body
// through guarded(): whatever the body throws becomes a status code and a message in
// the calling thread's last-error slot, so no exception ever reaches a C caller.
#pragma once

#include <offtake/offtake.h>

#include <cstddef>
#include <string>
#include <utility>

namespace offtake::capi {

// Thrown inside an entry point to leave with a chosen status and message.
struct ApiError {
    offtake_status status;
    std::string message;
};

[[noreturn]] void fail(offtake_status status, std::string message);

// Fails with OFFTAKE_E_MISUSE when `pointer` is NULL, naming the argument.
template <class T>
T* require(T* pointer, const char* argument) {
    if (pointer == nullptr) fail(OFFTAKE_E_MISUSE, std::string(argument) + " is NULL");
    return pointer;
}

// Fails with OFFTAKE_E_NOT_FOUND when `index` is not below `count`, naming what it
// indexes ("item", "metric", ...) and the valid range.
void require_index(std::size_t index, std::size_t count, const char* what);

void set_last_error(std::string message);
void clear_last_error();
const char* last_error();

// Maps the exception in flight to a status and records its message. Only to be called
// from inside a catch block.
offtake_status status_of_current_exception(const char* function) noexcept;

template <class Body>
offtake_status guarded(const char* function, Body&& body) noexcept {
    try {
        clear_last_error();
        std::forward<Body>(body)();
        // Again: the body may have called back into the caller (progress), whose own
        // failing library calls set this thread's message; success leaves none.
        clear_last_error();
        return OFFTAKE_OK;
    } catch (...) {
        return status_of_current_exception(function);
    }
}

}  // namespace offtake::capi
