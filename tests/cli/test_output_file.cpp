// The atomic output writer: the destination holds either its old content or the
// complete new content, and no temporary file is left behind on failure.
#include "command.hpp"
#include "output_file.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using namespace offtake::cli;

namespace {
std::string slurp(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() /
               ("offtake_cli_test_" + std::to_string(::getpid()) + "_" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
    std::size_t entries() const {
        return static_cast<std::size_t>(std::distance(fs::directory_iterator(path), {}));
    }
};
}  // namespace

TEST(AtomicOutput, WritesAndReplaces) {
    TempDir dir;
    auto target = dir.path / "report.json";
    write_file_atomically(target.string(), "first\n");
    EXPECT_EQ(slurp(target), "first\n");
    std::string big(1 << 20, 'x');  // 1 MiB: more than one write() may take
    write_file_atomically(target.string(), big);
    EXPECT_EQ(slurp(target), big);
    EXPECT_EQ(dir.entries(), 1u);  // no temporary file left
}

TEST(AtomicOutput, MissingFolderIsAnOutputErrorNamingTheFile) {
    TempDir dir;
    auto target = dir.path / "no-such-folder" / "out.csv";
    try {
        write_file_atomically(target.string(), "x");
        FAIL() << "expected OutputError";
    } catch (const OutputError& e) {
        EXPECT_NE(std::string(e.what()).find("out.csv"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(fs::exists(target));
    EXPECT_EQ(dir.entries(), 0u);
}

TEST(AtomicOutput, FileIsReadableByOthers) {
    TempDir dir;
    auto target = dir.path / "table.txt";
    write_file_atomically(target.string(), "x");
    auto perms = fs::status(target).permissions();
    EXPECT_NE(perms & fs::perms::owner_read, fs::perms::none);
    EXPECT_NE(perms & fs::perms::owner_write, fs::perms::none);
}
