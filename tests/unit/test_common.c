/* Unit tests of the common layer: buffers, errors, files, hashing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/error.h"
#include "common/fs.h"
#include "common/hash.h"

static void test_common__buf_starts_empty_and_terminated(void **state)
{
	struct sk_buf b = SK_BUF_INIT;
	(void)state;
	assert_int_equal(b.len, 0);
	assert_string_equal(b.buf, "");
	sk_buf_release(&b);
	assert_string_equal(b.buf, "");
}

static void test_common__buf_grows_across_many_appends(void **state)
{
	struct sk_buf b = SK_BUF_INIT;
	(void)state;
	for (int i = 0; i < 10000; i++)
		sk_buf_addf(&b, "%d,", i % 10);
	assert_int_equal(b.len, 20000);
	assert_int_equal(b.buf[b.len], '\0');
	assert_memory_equal(b.buf, "0,1,2,", 6);
	assert_memory_equal(b.buf + 19994, "7,8,9,", 6);
	sk_buf_release(&b);
}

static void test_common__buf_addf_long_output(void **state)
{
	struct sk_buf b = SK_BUF_INIT;
	char big[5000];
	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	sk_buf_adds(&b, "<");
	sk_buf_addf(&b, "%s>", big);
	assert_int_equal(b.len, 5000 + 1);
	assert_int_equal(b.buf[0], '<');
	assert_int_equal(b.buf[b.len - 1], '>');
	sk_buf_release(&b);
}

static void test_common__buf_detach_hands_over(void **state)
{
	struct sk_buf b = SK_BUF_INIT;
	size_t len;
	char *s;
	(void)state;
	sk_buf_adds(&b, "hello  \n");
	sk_buf_rtrim(&b);
	s = sk_buf_detach(&b, &len);
	assert_string_equal(s, "hello");
	assert_int_equal(len, 5);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.buf, "");
	free(s);
	s = sk_buf_detach(&b, NULL); /* empty buffer: still a fresh allocation */
	assert_string_equal(s, "");
	free(s);
}

static void test_common__error_set_returns_negative_code(void **state)
{
	struct sk_error err = SK_ERROR_INIT;
	(void)state;
	assert_int_equal(sk_error_set(&err, SK_ERR_CONFIG, "cannot read '%s'", "x"), -SK_ERR_CONFIG);
	assert_string_equal(err.message, "cannot read 'x'");
	sk_error_hint(&err, "try %d", 2);
	sk_error_locate(&err, "a.sql", 3, 4);
	sk_error_prefix(&err, "loading");
	assert_string_equal(err.message, "loading: cannot read 'x'");
	assert_string_equal(err.hint, "try 2");
	assert_string_equal(err.file, "a.sql");
	assert_int_equal(err.line, 3);
	assert_int_equal(sk_errcode_exit_status(SK_ERR_CONFIG), 3);
	assert_int_equal(sk_errcode_exit_status(SK_ERR_USAGE), 2);
	assert_int_equal(sk_errcode_exit_status(SK_ERR_MIGRATION), 4);
	assert_int_equal(sk_error_set(NULL, SK_ERR_IO, "x"), -SK_ERR_IO);
}

static char *tmpdir(void)
{
	char tmpl[] = "/tmp/sk-common-XXXXXX";
	char *d = mkdtemp(tmpl);
	assert_non_null(d);
	return sk_xstrdup(d);
}

static void test_common__write_atomic_replaces_and_keeps_mtime_when_same(void **state)
{
	char *dir = tmpdir(), *path = sk_fs_join(dir, "out.txt");
	struct sk_error err = SK_ERROR_INIT;
	struct sk_buf back = SK_BUF_INIT;
	struct stat st1, st2;
	bool changed;
	(void)state;

	assert_int_equal(sk_fs_write_atomic(path, "one\n", 4, true, &changed, &err), 0);
	assert_true(changed);
	assert_int_equal(stat(path, &st1), 0);
	sleep(1);
	assert_int_equal(sk_fs_write_atomic(path, "one\n", 4, true, &changed, &err), 0);
	assert_false(changed);
	assert_int_equal(stat(path, &st2), 0);
	assert_int_equal(st1.st_mtime, st2.st_mtime);
	assert_int_equal(st1.st_ino, st2.st_ino);
	assert_int_equal(sk_fs_write_atomic(path, "two\n", 4, true, &changed, &err), 0);
	assert_true(changed);
	assert_int_equal(sk_fs_read_file(&back, path, &err), 0);
	assert_string_equal(back.buf, "two\n");
	sk_buf_release(&back);
	unlink(path);
	rmdir(dir);
	free(path);
	free(dir);
}

static void test_common__write_atomic_failure_leaves_no_temp_file(void **state)
{
	struct sk_error err = SK_ERROR_INIT;
	struct sk_fs_names names = SK_FS_NAMES_INIT;
	char *dir = tmpdir(), *sub = sk_fs_join(dir, "ro"), *path = sk_fs_join(sub, "x.txt");
	(void)state;

	assert_int_equal(mkdir(sub, 0555), 0);
	if (geteuid() != 0) { /* root ignores directory permissions */
		assert_int_equal(sk_fs_write_atomic(path, "x", 1, false, NULL, &err), -SK_ERR_IO);
		assert_non_null(strstr(err.message, "x.txt"));
	}
	assert_int_equal(sk_fs_list_dir(&names, dir, &err), 0);
	assert_int_equal(names.nr, 1); /* only "ro" */
	sk_fs_names_release(&names);
	unlink(path);
	rmdir(sub);
	rmdir(dir);
	free(path);
	free(sub);
	free(dir);
}

/* A batch whose second file cannot be written leaves the first as it was
 * and no temp file behind; a committed batch replaces both. */
static void test_common__fs_batch_is_all_or_nothing(void **state)
{
	char *dir = tmpdir(), *a = sk_fs_join(dir, "a.sql"), *b = sk_fs_join(dir, "missing/b.json");
	char *b_ok = sk_fs_join(dir, "b.json");
	struct sk_fs_batch batch = SK_FS_BATCH_INIT;
	struct sk_error err = SK_ERROR_INIT;
	struct sk_fs_names names = SK_FS_NAMES_INIT;
	struct sk_buf back = SK_BUF_INIT;
	bool changed_a = true, changed_b = true;
	(void)state;

	assert_int_equal(sk_fs_write_atomic(a, "old\n", 4, false, NULL, &err), 0);
	assert_int_equal(sk_fs_batch_add(&batch, a, "new\n", 4, true, &changed_a, &err), 0);
	assert_int_equal(sk_fs_batch_add(&batch, b, "{}", 2, true, &changed_b, &err), -SK_ERR_IO);
	sk_fs_batch_release(&batch);
	assert_false(changed_a);
	assert_int_equal(sk_fs_read_file(&back, a, &err), 0);
	assert_string_equal(back.buf, "old\n");
	assert_int_equal(sk_fs_list_dir(&names, dir, &err), 0);
	assert_int_equal(names.nr, 1); /* a.sql, no temp file */
	sk_fs_names_release(&names);

	assert_int_equal(sk_fs_batch_add(&batch, a, "new\n", 4, true, &changed_a, &err), 0);
	assert_int_equal(sk_fs_batch_add(&batch, b_ok, "{}", 2, true, &changed_b, &err), 0);
	assert_int_equal(sk_fs_read_file(&back, b_ok, &err), -SK_ERR_IO); /* not before the commit */
	assert_int_equal(sk_fs_batch_commit(&batch, &err), 0);
	sk_fs_batch_release(&batch);
	assert_true(changed_a && changed_b);
	sk_buf_reset(&back);
	assert_int_equal(sk_fs_read_file(&back, a, &err), 0);
	assert_string_equal(back.buf, "new\n");
	assert_int_equal(sk_fs_list_dir(&names, dir, &err), 0);
	assert_int_equal(names.nr, 2);
	sk_fs_names_release(&names);
	sk_buf_release(&back);
	unlink(a);
	unlink(b_ok);
	rmdir(dir);
	free(a);
	free(b);
	free(b_ok);
	free(dir);
}

/* A symbolic link stays a link (its target is replaced); a FIFO (like
 * /dev/null, a file that is not a regular one) is written in place, never
 * replaced by a regular file. */
static void test_common__write_atomic_through_links_and_fifos(void **state)
{
	char *dir = tmpdir(), *real = sk_fs_join(dir, "real.sql"), *link = sk_fs_join(dir, "link.sql");
	char *fifo = sk_fs_join(dir, "fifo");
	struct sk_error err = SK_ERROR_INIT;
	struct sk_buf back = SK_BUF_INIT;
	struct stat st;
	char got[16] = "";
	int status;
	pid_t child;
	(void)state;

	assert_int_equal(sk_fs_write_atomic(real, "old\n", 4, false, NULL, &err), 0);
	assert_int_equal(symlink("real.sql", link), 0);
	assert_int_equal(sk_fs_write_atomic(link, "new\n", 4, true, NULL, &err), 0);
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(sk_fs_read_file(&back, real, &err), 0);
	assert_string_equal(back.buf, "new\n");

	assert_int_equal(mkfifo(fifo, 0600), 0);
	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		FILE *f = fopen(fifo, "r");
		size_t n = f ? fread(got, 1, sizeof(got) - 1, f) : 0;
		_exit(n == 4 && !memcmp(got, "fifo", 4) ? 0 : 1);
	}
	assert_int_equal(sk_fs_write_atomic(fifo, "fifo", 4, true, NULL, &err), 0);
	if (lstat(fifo, &st) != 0 || !S_ISFIFO(st.st_mode))
		kill(child, SIGKILL); /* replaced: nobody will open the FIFO the reader waits on */
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_int_equal(lstat(fifo, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));

	sk_buf_release(&back);
	unlink(fifo);
	unlink(link);
	unlink(real);
	rmdir(dir);
	free(fifo);
	free(link);
	free(real);
	free(dir);
}

static void test_common__read_missing_file_names_it(void **state)
{
	struct sk_error err = SK_ERROR_INIT;
	struct sk_buf b = SK_BUF_INIT;
	(void)state;
	assert_int_equal(sk_fs_read_file(&b, "/nonexistent/sk/file.sql", &err), -SK_ERR_IO);
	assert_non_null(strstr(err.message, "'/nonexistent/sk/file.sql'"));
	assert_non_null(strstr(err.message, "No such file"));
	sk_buf_release(&b);
}

static void test_common__list_dir_sorted_without_hidden(void **state)
{
	struct sk_error err = SK_ERROR_INIT;
	struct sk_fs_names names = SK_FS_NAMES_INIT;
	char *dir = tmpdir();
	const char *files[] = {"b.sql", "a.sql", ".hidden", "10.sql", "2.sql"};
	(void)state;
	for (size_t i = 0; i < 5; i++) {
		char *p = sk_fs_join(dir, files[i]);
		assert_int_equal(sk_fs_write_atomic(p, "", 0, false, NULL, &err), 0);
		free(p);
	}
	assert_int_equal(sk_fs_list_dir(&names, dir, &err), 0);
	assert_int_equal(names.nr, 4);
	assert_string_equal(names.names[0], "10.sql");
	assert_string_equal(names.names[1], "2.sql");
	assert_string_equal(names.names[2], "a.sql");
	assert_string_equal(names.names[3], "b.sql");
	sk_fs_names_release(&names);
	for (size_t i = 0; i < 5; i++) {
		char *p = sk_fs_join(dir, files[i]);
		unlink(p);
		free(p);
	}
	rmdir(dir);
	free(dir);
}

static void test_common__mkdirs_creates_parents(void **state)
{
	struct sk_error err = SK_ERROR_INIT;
	char *dir = tmpdir(), *deep = sk_fs_join(dir, "a/b/c");
	char *b = sk_fs_join(dir, "a/b"), *a = sk_fs_join(dir, "a");
	(void)state;
	assert_int_equal(sk_fs_mkdirs(deep, 0755, &err), 0);
	assert_true(sk_fs_is_dir(deep));
	assert_int_equal(sk_fs_mkdirs(deep, 0755, &err), 0); /* idempotent */
	rmdir(deep);
	rmdir(b);
	rmdir(a);
	rmdir(dir);
	free(deep);
	free(b);
	free(a);
	free(dir);
}

static void test_common__sha256_known_vectors(void **state)
{
	char hex[SK_SHA256_HEX_LEN + 1];
	struct sk_sha256 h;
	(void)state;
	sk_sha256_hex(hex, "", 0);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	sk_sha256_hex(hex, "abc", 3);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	sk_sha256_init(&h);
	sk_sha256_update(&h, "a", 1);
	sk_sha256_update(&h, "bc", 2);
	sk_sha256_final(&h, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_common__buf_starts_empty_and_terminated),
	        cmocka_unit_test(test_common__buf_grows_across_many_appends),
	        cmocka_unit_test(test_common__buf_addf_long_output),
	        cmocka_unit_test(test_common__buf_detach_hands_over),
	        cmocka_unit_test(test_common__error_set_returns_negative_code),
	        cmocka_unit_test(test_common__write_atomic_replaces_and_keeps_mtime_when_same),
	        cmocka_unit_test(test_common__write_atomic_failure_leaves_no_temp_file),
	        cmocka_unit_test(test_common__fs_batch_is_all_or_nothing),
	        cmocka_unit_test(test_common__write_atomic_through_links_and_fifos),
	        cmocka_unit_test(test_common__read_missing_file_names_it),
	        cmocka_unit_test(test_common__list_dir_sorted_without_hidden),
	        cmocka_unit_test(test_common__mkdirs_creates_parents),
	        cmocka_unit_test(test_common__sha256_known_vectors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
