/*
 * runcmd: runs one benchmark command and reports what it cost, for measure.py.
 *
 *   runcmd OUT COMMAND    runs /bin/sh -c COMMAND (stdin, stdout and stderr
 *                         inherited), then writes to the file OUT one line
 *                         "<wall s> <cpu s> <peak KiB> <exit status>"
 *                         and exits with the command's status.
 *
 * Why a C program: Linux counts a process's peak memory (ru_maxrss) from
 * before its exec, so a command forked from Python starts at Python's size
 * (~15 MiB) and small tools all look alike. Forked from this small program the
 * floor is about 1 MiB. The wall time is taken here around fork and wait, so
 * the interpreter's own spawning cost is not in it either.
 *
 * Peak memory is that of the largest process of the command's tree (wait4's
 * rusage covers the children the command waited for); CPU is user + system
 * of the whole tree. Not its job: warm-ups, repetitions, statistics.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double seconds(struct timeval tv)
{
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

int main(int argc, char **argv)
{
	struct timespec start, end;
	struct rusage ru;
	FILE *out;
	pid_t pid;
	int status, code;

	if (argc != 3) {
		fputs("usage: runcmd OUT COMMAND\n", stderr);
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &start);
	pid = fork();
	if (pid < 0) {
		perror("runcmd: fork");
		return 70;
	}
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", argv[2], (char *)NULL);
		perror("runcmd: /bin/sh");
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("runcmd: wait4");
		return 70;
	}
	clock_gettime(CLOCK_MONOTONIC, &end);
	code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	out = fopen(argv[1], "w");
	if (!out) {
		perror("runcmd: output file");
		return 70;
	}
	fprintf(out, "%.9f %.6f %ld %d\n",
	        (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9,
	        seconds(ru.ru_utime) + seconds(ru.ru_stime), ru.ru_maxrss, code);
	if (fclose(out) != 0) {
		perror("runcmd: output file");
		return 70;
	}
	return code;
}
