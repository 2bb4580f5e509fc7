// Every file the engine reads (deal, price model, scorecard, price series, futures
// panel) gets one size limit, one regular-file check and one message (issue 12,
// defects 1 and 8): a device or FIFO is refused by name before any read, so nothing
// hangs on a FIFO or reads without end from /dev/zero; a folder is called a folder.
#include <offtake/bankability.hpp>
#include <offtake/calibration.hpp>
#include <offtake/deal_file.hpp>
#include <offtake/errors.hpp>
#include <offtake/price_model_file.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include <sys/stat.h>
#include <unistd.h>

using namespace offtake;
namespace fs = std::filesystem;

namespace {

// The message of the first problem a reader reports for `path` ("" if none).
using Reader = std::function<void(const std::string&)>;

std::string message_of(const Reader& read, const std::string& path) {
    try {
        read(path);
    } catch (const DealError& e) {
        return e.problems().empty() ? e.what() : e.problems().front().to_string();
    }
    return "";
}

struct Kind {
    const char* name;
    Reader read;
};

const Kind kKinds[] = {
    {"deal file", [](const std::string& p) { load_deal_file(p); }},
    {"deal document", [](const std::string& p) { DealDocument::from_file(p); }},
    {"price model file", [](const std::string& p) { load_price_model(p); }},
    {"scorecard file", [](const std::string& p) { load_scorecard(p); }},
    {"price series", [](const std::string& p) { read_price_series(p); }},
    {"futures panel", [](const std::string& p) { read_futures_panel(p); }},
};

fs::path scratch(const std::string& name) {
    fs::path dir = fs::path(OFFTAKE_BINARY_DIR) / "special_files";
    fs::create_directories(dir);
    fs::path p = dir / name;
    fs::remove_all(p);
    return p;
}

}  // namespace

TEST(SpecialFiles, DevZeroIsRefusedAsADeviceBeforeAnyRead) {
    for (const auto& k : kKinds) {
        SCOPED_TRACE(k.name);
        const std::string m = message_of(k.read, "/dev/zero");
        EXPECT_NE(m.find("/dev/zero: is a character device"), std::string::npos) << m;
        EXPECT_NE(m.find("not a regular file"), std::string::npos) << m;
    }
}

TEST(SpecialFiles, FifoIsRefusedWithoutWaitingForAWriter) {
    const fs::path fifo = scratch("input.fifo");
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    for (const auto& k : kKinds) {
        SCOPED_TRACE(k.name);
        const std::string m = message_of(k.read, fifo.string());
        EXPECT_NE(m.find("is a FIFO or pipe"), std::string::npos) << m;
    }
    EXPECT_NE(validate_deal_file(fifo.string()).at(0).rule.find("FIFO"), std::string::npos);
    fs::remove(fifo);
}

TEST(SpecialFiles, FolderIsCalledAFolder) {
    const fs::path dir = scratch("a-folder.yaml");
    fs::create_directories(dir);
    for (const auto& k : kKinds) {
        SCOPED_TRACE(k.name);
        const std::string m = message_of(k.read, dir.string());
        EXPECT_NE(m.find("is a folder, not a regular file"), std::string::npos) << m;
        EXPECT_EQ(m.find("9223372036854775807"), std::string::npos) << m;
    }
}

TEST(SpecialFiles, EveryKindHasASizeLimit) {
    // 600 KiB of comment lines: more than the 512 KiB allowed for YAML files.
    const fs::path big = scratch("big.yaml");
    {
        std::ofstream out(big);
        const std::string line(99, '#');
        for (int i = 0; i < 6 * 1024; ++i) out << line << '\n';
    }
    for (const auto& k : kKinds) {
        if (std::string(k.name) == "price series" || std::string(k.name) == "futures panel") continue;
        SCOPED_TRACE(k.name);
        const std::string m = message_of(k.read, big.string());
        EXPECT_NE(m.find("file is 614400 bytes"), std::string::npos) << m;
        EXPECT_NE(m.find("at most 524288 bytes"), std::string::npos) << m;
    }
    // CSV files may be larger (16 MiB), but not without bound: 17 MiB of comments.
    const fs::path csv = scratch("big.csv");
    {
        std::ofstream out(csv);
        const std::string line(1023, '#');
        for (int i = 0; i < 17 * 1024; ++i) out << line << '\n';
    }
    for (const char* name : {"price series", "futures panel"}) {
        for (const auto& k : kKinds) {
            if (std::string(k.name) != name) continue;
            SCOPED_TRACE(k.name);
            const std::string m = message_of(k.read, csv.string());
            EXPECT_NE(m.find("file is 17825792 bytes"), std::string::npos) << m;
            EXPECT_NE(m.find("at most 16777216 bytes"), std::string::npos) << m;
        }
    }
}

TEST(SpecialFiles, ProcFilesAreReadByContentNotByReportedSize) {
    // /proc files report size 0 but hold text: the loader must read it and judge the
    // content (not say "cannot read the file" or "file is empty").
    const std::string m = message_of(kKinds[0].read, "/proc/self/status");
    EXPECT_EQ(m.find("cannot read"), std::string::npos) << m;
    EXPECT_EQ(m.find("file is empty"), std::string::npos) << m;
    EXPECT_NE(m.find("/proc/self/status:"), std::string::npos) << m;
}

TEST(SpecialFiles, MissingFileNamesTheSystemReason) {
    for (const auto& k : kKinds) {
        SCOPED_TRACE(k.name);
        const std::string m = message_of(k.read, "no/such/file.yaml");
        EXPECT_NE(m.find("no/such/file.yaml: cannot open the"), std::string::npos) << m;
        EXPECT_NE(m.find("No such file or directory"), std::string::npos) << m;
    }
}
