#define _GNU_SOURCE
/*
 * file_ops [DIR]: the path syscalls, each once succeeding and once failing: open, openat,
 * openat2, creat, stat, lstat, fstat, newfstatat, statx, access, faccessat, faccessat2, mkdir,
 * mkdirat, unlink, unlinkat, rmdir, rename, renameat, renameat2, readlink, readlinkat, chmod,
 * fchmod, fchmodat, truncate, getdents64. Output is only compared with strace.
 */
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static char dir[256], path[512], other[512], link_path[512], sub[512];

static void opens(void)
{
	struct open_how how = { .flags = O_RDONLY | O_CLOEXEC, .resolve = RESOLVE_NO_SYMLINKS };
	struct open_how create = { .flags = O_WRONLY | O_CREAT, .mode = 0600 };
	int fd;

	close(syscall(SYS_creat, path, 0644));
	syscall(SYS_creat, "/nonexistent/file", 0600);
	close(syscall(SYS_open, path, O_RDONLY));
	syscall(SYS_open, "/nonexistent/file", O_WRONLY | O_CREAT | O_TRUNC, 0666);
	close(syscall(SYS_openat2, AT_FDCWD, path, &how, sizeof(how)));
	close(syscall(SYS_openat2, AT_FDCWD, path, &create, sizeof(create)));
	how.resolve = RESOLVE_BENEATH | RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS | RESOLVE_NO_XDEV |
		      RESOLVE_CACHED | 0x100;
	syscall(SYS_openat2, AT_FDCWD, "/etc/passwd", &how, sizeof(how));
	syscall(SYS_openat2, AT_FDCWD, path, &how, 8);
	syscall(SYS_openat2, AT_FDCWD, path, NULL, sizeof(how));
	fd = open(path, O_WRONLY | O_TRUNC);
	write(fd, "twelve bytes", 12);
	close(fd);
}

static void stats(void)
{
	struct stat st;
	struct statx stx;
	int fd = open(path, O_RDONLY);

	fstat(fd, &st);
	fstat(999, &st);
	syscall(SYS_fstat, fd, NULL);
	syscall(SYS_stat, path, &st);
	syscall(SYS_stat, "/nonexistent", &st);
	syscall(SYS_stat, "/dev/null", &st);
	syscall(SYS_lstat, link_path, &st);
	syscall(SYS_lstat, dir, &st);
	fstatat(AT_FDCWD, path, &st, 0);
	fstatat(fd, "", &st, AT_EMPTY_PATH);
	fstatat(AT_FDCWD, link_path, &st, AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT);
	fstatat(AT_FDCWD, "/nonexistent", &st, 0);
	fstatat(AT_FDCWD, path, &st, 0x10000);
	statx(AT_FDCWD, path, 0, STATX_BASIC_STATS, &stx);
	statx(fd, "", AT_EMPTY_PATH | AT_STATX_FORCE_SYNC, STATX_ALL, &stx);
	statx(AT_FDCWD, dir, AT_STATX_DONT_SYNC, STATX_TYPE | STATX_SIZE | STATX_BTIME, &stx);
	statx(AT_FDCWD, "/dev/null", 0, STATX_TYPE | STATX_MODE, &stx);
	statx(AT_FDCWD, "/nonexistent", AT_SYMLINK_NOFOLLOW, STATX_ALL, &stx);
	statx(AT_FDCWD, path, 0, 0x80000000u, &stx);
	close(fd);
}

static void access_calls(void)
{
	syscall(SYS_access, path, F_OK);
	syscall(SYS_access, path, R_OK | W_OK);
	syscall(SYS_access, "/nonexistent", X_OK);
	syscall(SYS_access, path, 0x10);
	syscall(SYS_faccessat, AT_FDCWD, path, R_OK);
	syscall(SYS_faccessat, AT_FDCWD, "/nonexistent", R_OK | X_OK);
	syscall(SYS_faccessat2, AT_FDCWD, path, W_OK, AT_EACCESS);
	syscall(SYS_faccessat2, AT_FDCWD, link_path, F_OK, AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH);
	syscall(SYS_faccessat2, 999, "x", F_OK, 0);
}

static void dirs(void)
{
	char buf[4096];
	int d;

	syscall(SYS_mkdir, sub, 0755);
	syscall(SYS_mkdir, sub, 0700);
	syscall(SYS_mkdirat, AT_FDCWD, "/nonexistent/d", 01777);
	d = open(dir, O_RDONLY | O_DIRECTORY);
	syscall(SYS_mkdirat, d, "sub2", 0750);
	syscall(SYS_getdents64, d, buf, sizeof(buf));
	syscall(SYS_getdents64, d, buf, sizeof(buf));
	syscall(SYS_getdents64, d, buf, 10);
	syscall(SYS_getdents64, 999, buf, sizeof(buf));
	syscall(SYS_unlinkat, d, "sub2", AT_REMOVEDIR);
	syscall(SYS_unlinkat, d, "sub2", 0);
	syscall(SYS_rmdir, sub);
	syscall(SYS_rmdir, sub);
	close(d);
}

static void names(void)
{
	char buf[64];

	symlink(path, link_path);
	syscall(SYS_readlink, link_path, buf, sizeof(buf));
	syscall(SYS_readlink, link_path, buf, 4);
	syscall(SYS_readlink, path, buf, sizeof(buf));
	syscall(SYS_readlinkat, AT_FDCWD, link_path, buf, sizeof(buf));
	syscall(SYS_readlinkat, AT_FDCWD, "/nonexistent", buf, sizeof(buf));
	syscall(SYS_rename, path, other);
	syscall(SYS_rename, path, other);
	syscall(SYS_renameat, AT_FDCWD, other, AT_FDCWD, path);
	syscall(SYS_renameat2, AT_FDCWD, path, AT_FDCWD, other, RENAME_NOREPLACE);
	syscall(SYS_renameat2, AT_FDCWD, other, AT_FDCWD, path, 0);
	syscall(SYS_renameat2, AT_FDCWD, path, AT_FDCWD, link_path, RENAME_EXCHANGE);
	syscall(SYS_renameat2, AT_FDCWD, link_path, AT_FDCWD, path, RENAME_EXCHANGE);
	syscall(SYS_renameat2, AT_FDCWD, path, AT_FDCWD, other, RENAME_WHITEOUT | RENAME_EXCHANGE);
	syscall(SYS_renameat2, AT_FDCWD, path, AT_FDCWD, other, 0x10);
}

static void modes(void)
{
	int fd = open(path, O_RDONLY);

	syscall(SYS_chmod, path, 0640);
	syscall(SYS_chmod, "/nonexistent", 04755);
	syscall(SYS_fchmod, fd, 0600);
	syscall(SYS_fchmod, 999, 0600);
	syscall(SYS_fchmodat, AT_FDCWD, path, 0644);
	syscall(SYS_fchmodat, AT_FDCWD, path, 07777);
	syscall(SYS_fchmodat, AT_FDCWD, path, 0644);
	syscall(SYS_truncate, path, 12);
	syscall(SYS_truncate, "/nonexistent", 0);
	syscall(SYS_truncate, path, -1L);
	syscall(SYS_truncate, path, 5L << 32);
	close(fd);
}

int main(int argc, char **argv)
{
	snprintf(dir, sizeof(dir), "%s", argc > 1 ? argv[1] : "/tmp/file_ops");
	mkdir(dir, 0755);
	snprintf(path, sizeof(path), "%s/file.txt", dir);
	snprintf(other, sizeof(other), "%s/other.txt", dir);
	snprintf(link_path, sizeof(link_path), "%s/link", dir);
	snprintf(sub, sizeof(sub), "%s/sub", dir);
	unlink(path);
	unlink(other);
	unlink(link_path);
	opens();
	names();
	stats();
	access_calls();
	dirs();
	modes();
	syscall(SYS_unlink, link_path);
	syscall(SYS_unlink, link_path);
	unlink(path);
	unlink(other);
	rmdir(dir);
	return 0;
}
