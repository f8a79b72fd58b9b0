/* SPDX-License-Identifier: Apache-2.0
 *
 * fuzz_replay.c - runs a fuzz target's committed corpus as a regression test: each file
 * given on the command line is fed to LLVMFuzzerTestOneInput once (the targets assert
 * their invariants), and one TAP line is printed per file.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
main(int argc, char **argv)
{
    printf("1..%d\n", argc - 1);
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        uint8_t *buf = NULL;
        long n;

        if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
            fseek(f, 0, SEEK_SET) != 0 || (buf = malloc((size_t)n + 1)) == NULL ||
            fread(buf, 1, (size_t)n, f) != (size_t)n) {
            printf("not ok %d - cannot read %s\n", i, argv[i]);
        } else {
            LLVMFuzzerTestOneInput(buf, (size_t)n);
            printf("ok %d - %s\n", i, argv[i]);
        }
        free(buf);
        if (f != NULL) {
            fclose(f);
        }
    }
    return 0;
}
