/* hello_file PATH: openat(O_WRONLY|O_CREAT) PATH, write "hello world\n", close. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "/tmp/hello.txt";
	int fd = openat(AT_FDCWD, path, O_WRONLY | O_CREAT, 0666);

	if (fd < 0) {
		perror(path);
		return 1;
	}
	if (write(fd, "hello world\n", 12) != 12)
		perror("write");
	close(fd);
	return 0;
}
