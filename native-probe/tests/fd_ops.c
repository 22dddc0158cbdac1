#define _GNU_SOURCE
/*
 * fd_ops [DIR]: the syscalls on an open fd, each once succeeding and once failing: readv,
 * writev, preadv, pwritev, preadv2, pwritev2, close_range, lseek, fsync, fdatasync,
 * sync_file_range, ftruncate, fallocate, fadvise64, sendfile, copy_file_range, splice, fcntl,
 * flock, dup*, pipe*, eventfd2, ioctl. Output is only compared with strace.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <linux/falloc.h>
#include <linux/fs.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <termios.h>
#include <unistd.h>

static char path[512], copy[512];

static void vectors(int fd)
{
	char a[8], b[40], big[64];
	struct iovec out[3] = {
		{ "first ", 6 }, { "second\n", 7 }, { "third: 0123456789abcdefghijklmnopqrstuvwxyz", 43 },
	};
	struct iovec in[3] = { { a, sizeof(a) }, { b, sizeof(b) }, { big, sizeof(big) } };
	struct iovec many[40];
	int i;

	writev(fd, out, 3);
	writev(fd, out, 0);
	writev(999, out, 2);
	syscall(SYS_writev, fd, NULL, 1);
	syscall(SYS_writev, fd, 8, 1);
	lseek(fd, 0, SEEK_SET);
	readv(fd, in, 3);
	readv(fd, in, 3);
	readv(999, in, 3);
	syscall(SYS_readv, fd, 8, 2);
	pwritev(fd, out, 2, 100);
	preadv(fd, in, 2, 100);
	preadv(fd, in, 2, 1 << 20);
	pwritev(999, out, 1, 0);
	preadv(999, in, 1, 0);
	pwritev2(fd, out, 1, 7, RWF_HIPRI | RWF_DSYNC);
	pwritev2(fd, out, 1, -1, 0);
	preadv2(fd, in, 2, 0, RWF_NOWAIT);
	preadv2(fd, in, 1, -1, 0);
	preadv2(fd, in, 1, 0, 0x100);
	for (i = 0; i < 40; i++) {
		many[i].iov_base = "v";
		many[i].iov_len = 1;
	}
	writev(fd, many, 40);
	lseek(fd, -40, SEEK_END);
	for (i = 0; i < 40; i++) {
		many[i].iov_base = big + i;
		many[i].iov_len = 1;
	}
	readv(fd, many, 40);
}

static void sizes(int fd)
{
	lseek(fd, 5, SEEK_CUR);
	lseek(fd, -1, SEEK_SET);
	lseek(fd, 0, 7);
	lseek(fd, 0, SEEK_DATA);
	fsync(fd);
	fsync(999);
	fdatasync(fd);
	fdatasync(999);
	sync_file_range(fd, 0, 4096, SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE |
			SYNC_FILE_RANGE_WAIT_AFTER);
	sync_file_range(fd, 10, 0, 0);
	sync_file_range(fd, 0, 0, 8);
	ftruncate(fd, 200);
	ftruncate(999, 0);
	ftruncate(fd, -1);
	fallocate(fd, 0, 0, 4096);
	fallocate(fd, FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE, 0, 100);
	fallocate(fd, FALLOC_FL_ZERO_RANGE, 8192, 100);
	fallocate(999, 0x100, 0, 1);
	posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	posix_fadvise(fd, 100, 200, POSIX_FADV_DONTNEED);
	syscall(SYS_fadvise64, fd, 0, 0, 99);
	syscall(SYS_fadvise64, 999, 0, 0, POSIX_FADV_WILLNEED);
}

static void transfers(int fd)
{
	int out = open(copy, O_RDWR | O_CREAT | O_TRUNC, 0644);
	off_t off = 3;
	loff_t in_off = 0, out_off = 10;
	int p[2];

	sendfile(out, fd, NULL, 10);
	sendfile(out, fd, &off, 5);
	sendfile(out, 999, &off, 5);
	sendfile(out, fd, (off_t *)8, 5);
	copy_file_range(fd, &in_off, out, &out_off, 20, 0);
	copy_file_range(fd, NULL, out, NULL, 20, 0);
	copy_file_range(fd, NULL, out, NULL, 20, 1);
	pipe(p);
	splice(fd, &in_off, p[1], NULL, 16, SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
	splice(p[0], NULL, out, &out_off, 16, SPLICE_F_MORE | SPLICE_F_GIFT);
	splice(p[0], NULL, out, NULL, 16, SPLICE_F_NONBLOCK);
	splice(999, NULL, out, NULL, 16, 0);
	splice(fd, NULL, out, NULL, 1, 0x10);
	close(p[0]);
	close(p[1]);
	close(out);
}

static void fcntls(int fd)
{
	struct flock fl = { .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 10 };
	struct f_owner_ex owner;
	int d;

	fcntl(fd, F_GETFD);
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	fcntl(fd, F_GETFD);
	fcntl(fd, F_SETFD, 0);
	fcntl(fd, F_GETFL);
	fcntl(fd, F_SETFL, O_NONBLOCK | O_APPEND);
	fcntl(fd, F_GETFL);
	fcntl(fd, F_SETFL, 0);
	d = fcntl(fd, F_DUPFD, 10);
	close(d);
	d = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	close(d);
	fcntl(999, F_DUPFD, 0);
	fcntl(fd, F_SETLK, &fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_CUR;
	fl.l_start = -5;
	fcntl(fd, F_SETLKW, &fl);
	fl.l_type = F_UNLCK;
	fcntl(fd, F_SETLK, &fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = 0;
	fcntl(fd, F_GETLK, &fl);
	fcntl(fd, F_GETLK, NULL);
	fl.l_type = F_RDLCK;
	fcntl(fd, F_OFD_SETLK, &fl);
	fl.l_pid = 0;
	fcntl(fd, F_OFD_GETLK, &fl);
	fl.l_type = F_UNLCK;
	fcntl(fd, F_OFD_SETLKW, &fl);
	fcntl(fd, F_SETLK, (void *)8);
	fcntl(fd, F_GETOWN);
	fcntl(fd, F_SETOWN, 0);
	fcntl(fd, F_GETOWN_EX, &owner);
	fcntl(fd, F_GETSIG);
	fcntl(fd, F_SETSIG, 0);
	fcntl(fd, F_GETLEASE);
	fcntl(fd, F_SETLEASE, F_UNLCK);
	fcntl(fd, F_NOTIFY, DN_ACCESS | DN_MODIFY | DN_MULTISHOT);
	fcntl(fd, F_GETPIPE_SZ);
	fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL | F_SEAL_WRITE);
	fcntl(fd, F_GET_SEALS);
	fcntl(fd, 1234, 5);
	flock(fd, LOCK_SH);
	flock(fd, LOCK_EX | LOCK_NB);
	flock(fd, LOCK_UN);
	flock(999, LOCK_EX);
	flock(fd, 0x40);
}

static void fds(int fd)
{
	int p[2], e;

	close(dup(fd));
	dup(999);
	dup2(fd, 30);
	dup2(fd, fd);
	dup2(999, 30);
	dup3(fd, 31, O_CLOEXEC);
	dup3(fd, 31, 0);
	dup3(fd, fd, 0);
	dup3(fd, 32, 1);
	close_range(30, 31, 0);
	close_range(30, 40, CLOSE_RANGE_CLOEXEC | CLOSE_RANGE_UNSHARE);
	close_range(40, 30, 0);
	close_range(50, ~0U, 4);
	syscall(SYS_pipe, p);
	close(p[0]);
	close(p[1]);
	syscall(SYS_pipe, NULL);
	pipe2(p, O_NONBLOCK);
	close(p[0]);
	close(p[1]);
	pipe2(p, O_RDWR);
	e = eventfd(3, EFD_CLOEXEC | EFD_NONBLOCK);
	close(e);
	e = eventfd(0, 0);
	close(e);
	e = eventfd(0, EFD_SEMAPHORE);
	close(e);
	eventfd(0, 0x10);
}

static void ioctls(int fd)
{
	struct termios t;
	struct ifconf ifc;
	struct ifreq ifr[8];
	int n = 1, p[2], s;
	struct winsize ws;

	pipe(p);
	write(p[1], "abc", 3);
	ioctl(p[0], FIONREAD, &n);
	ioctl(999, FIONREAD, &n);
	ioctl(p[0], FIONBIO, &n);
	n = 0;
	ioctl(p[0], FIONBIO, &n);
	ioctl(p[0], FIOCLEX);
	ioctl(p[0], FIONCLEX);
	ioctl(p[0], FIOASYNC, &n);
	ioctl(p[0], TCGETS, &t);
	ioctl(fd, TCGETS, &t);
	ioctl(fd, TIOCGWINSZ, &ws);
	ioctl(fd, FIONREAD, &n);
	ioctl(fd, FIONREAD, NULL);
	ioctl(fd, FS_IOC_GETFLAGS, &n);
	ioctl(p[0], _IOR('x', 7, int), &n);
	ioctl(p[0], 0x1234, 0);
	s = socket(AF_INET, SOCK_DGRAM, 0);
	ifc.ifc_len = sizeof(ifr);
	ifc.ifc_req = ifr;
	ioctl(s, SIOCGIFCONF, &ifc);
	ifc.ifc_req = NULL;
	ioctl(s, SIOCGIFCONF, &ifc);
	memset(ifr, 0, sizeof(ifr));
	strcpy(ifr[0].ifr_name, "lo");
	ioctl(s, SIOCGIFFLAGS, &ifr[0]);
	ioctl(s, SIOCGIFINDEX, &ifr[0]);
	ioctl(s, FIONREAD, &n);
	ioctl(s, TIOCOUTQ, &n);
	close(s);
	close(p[0]);
	close(p[1]);
}

/* A pseudo-terminal: the terminal requests succeed there. */
static void terminal(void)
{
	struct termios t;
	struct winsize ws = { 24, 80, 0, 0 };
	int m = posix_openpt(O_RDWR | O_NOCTTY), s, n, lock = 0;

	if (m < 0)
		return;
	ioctl(m, TIOCGPTN, &n);
	ioctl(m, TIOCSPTLCK, &lock);
	s = open(ptsname(m), O_RDWR | O_NOCTTY);
	ioctl(s, TCGETS, &t);
	t.c_lflag &= ~(ICANON | ECHO);
	t.c_cflag |= PARENB;
	ioctl(s, TCSETS, &t);
	ioctl(s, TCSETSW, &t);
	ioctl(s, TCSETSF, &t);
	ioctl(s, TCGETA, &t);
	ioctl(s, TIOCSWINSZ, &ws);
	ioctl(s, TIOCGWINSZ, &ws);
	ioctl(s, TCFLSH, TCIFLUSH);
	ioctl(s, TCXONC, 9);
	ioctl(s, TIOCMGET, &n);
	ioctl(s, FIONREAD, &n);
	ioctl(s, TIOCOUTQ, &n);
	ioctl(s, TIOCGPGRP, &n);
	ioctl(s, TIOCSTI, "x");
	ioctl(s, TCSBRK, 1);
	close(s);
	close(m);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "/tmp";
	int fd;

	snprintf(path, sizeof(path), "%s/fd_ops.txt", dir);
	snprintf(copy, sizeof(copy), "%s/fd_ops.copy", dir);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	vectors(fd);
	sizes(fd);
	transfers(fd);
	fcntls(fd);
	fds(fd);
	ioctls(fd);
	terminal();
	close(fd);
	unlink(path);
	unlink(copy);
	return 0;
}
