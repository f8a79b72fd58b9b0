# accord - the two commands (make run, make test) and friends.
# Each target installs what is missing (scripts/deps.sh), configures its own
# Meson build directory once, builds, then runs.

BUILD_RUN   := build/release
BUILD_TEST  := build/test
BUILD_FUZZ  := build/fuzz
DB          ?= var/accord.db
SEED        ?= 42

.PHONY: all deps build run test test-crash bench fuzz format lint mutants clean

all: build

deps:
	@scripts/deps.sh

$(BUILD_RUN)/build.ninja: | deps
	@meson setup $(BUILD_RUN) -Dbuildtype=release -Dwerror=true >/dev/null

$(BUILD_TEST)/build.ninja: | deps
	@meson setup $(BUILD_TEST) -Dbuildtype=debug -Dwerror=true \
	    -Db_sanitize=address,undefined -Dc_args=-fno-sanitize-recover=all \
	    -Dtest_build=true >/dev/null

$(BUILD_FUZZ)/build.ninja: | deps
	@CC=clang meson setup $(BUILD_FUZZ) -Dbuildtype=debugoptimized -Dwerror=true \
	    -Dc_args=-fsanitize=fuzzer-no-link,address,undefined \
	    -Dc_link_args=-fsanitize=address,undefined -Db_lundef=false \
	    -Dfuzzers=true >/dev/null

build: $(BUILD_RUN)/build.ninja
	@scripts/deps.sh
	@ninja -C $(BUILD_RUN) >/dev/null

run: build
	@scripts/run.sh $(BUILD_RUN)/cli/accord $(DB) $(SEED)

test: $(BUILD_TEST)/build.ninja
	@scripts/deps.sh
	@ninja -C $(BUILD_TEST) >/dev/null
	@scripts/test.sh $(BUILD_TEST)

# SIGKILL of 'accord serve' under load, CRASH_ROUNDS times (default 50), on the sanitizer
# build; a short form of three rounds is part of 'make test'.
test-crash: $(BUILD_TEST)/build.ninja
	@scripts/deps.sh
	@ninja -C $(BUILD_TEST) >/dev/null
	@python3 tests/crash/crash.py $(BUILD_TEST)/cli/accord --rounds $${CRASH_ROUNDS:-50} --seed $${CRASH_SEED:-1}

bench: build
	@scripts/bench.sh $(BUILD_RUN)

fuzz: $(BUILD_FUZZ)/build.ninja
	@ninja -C $(BUILD_FUZZ) >/dev/null
	@scripts/fuzz.sh $(BUILD_FUZZ) $${FUZZ_SECONDS:-60}

format:
	@clang-format -i $$(git ls-files '*.c' '*.h')

# Style checks, then clang-tidy on the release build's compile_commands.json (slow: minutes;
# not part of 'make test').  Fails on a finding in a file of tools/tidy-clean.txt.
lint: $(BUILD_RUN)/build.ninja
	@tools/lint.sh
	@tools/tidy.sh $(BUILD_RUN)

# Mutation run of lib/policy (tools/mutants.txt): each mutant must fail the policy matrix
# tests, built directly with cc in a temporary directory (about 20 s; not part of 'make test').
mutants:
	@python3 tools/mutants.py

clean:
	rm -rf build
