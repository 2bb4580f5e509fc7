#include "capi/firewall.hpp"

#include <offtake/errors.hpp>

#include <exception>
#include <new>
#include <stdexcept>

namespace offtake::capi {

namespace {
// One message per thread: callers on distinct threads never see each other's errors.
thread_local std::string tls_last_error;
}  // namespace

void fail(offtake_status status, std::string message) {
    throw ApiError{status, std::move(message)};
}

void require_index(std::size_t index, std::size_t count, const char* what) {
    if (index >= count)
        fail(OFFTAKE_E_NOT_FOUND, std::string(what) + " index " + std::to_string(index) + " out of 0 .. " +
                                      std::to_string(count) + " - 1");
}

void set_last_error(std::string message) { tls_last_error = std::move(message); }

void clear_last_error() { tls_last_error.clear(); }

const char* last_error() { return tls_last_error.c_str(); }

offtake_status status_of_current_exception(const char* function) noexcept {
    // Recording the message may itself run out of memory: then the status alone tells.
    offtake_status status = OFFTAKE_E_INTERNAL;
    try {
        try {
            throw;
        } catch (const ApiError& e) {
            status = e.status;
            set_last_error(std::string(function) + ": " + e.message);
        } catch (const std::bad_alloc&) {
            status = OFFTAKE_E_NOMEM;
            set_last_error(std::string(function) + ": out of memory");
        } catch (const DealError& e) {
            status = OFFTAKE_E_INVALID_DEAL;
            set_last_error(e.what());
        } catch (const UsageError& e) {
            status = OFFTAKE_E_RANGE;
            set_last_error(std::string(function) + ": " + e.what());
        } catch (const std::length_error& e) {
            status = OFFTAKE_E_NOMEM;
            set_last_error(std::string(function) + ": " + e.what());
        } catch (const std::exception& e) {
            status = OFFTAKE_E_INTERNAL;
            set_last_error(std::string(function) + ": internal error: " + e.what());
        } catch (...) {
            status = OFFTAKE_E_INTERNAL;
            set_last_error(std::string(function) + ": internal error of unknown type");
        }
    } catch (...) {
        tls_last_error.clear();
        if (status == OFFTAKE_OK) status = OFFTAKE_E_NOMEM;
    }
    return status;
}

}  // namespace offtake::capi
