/* forker: fork; the child writes a line to /dev/null and exits 3; the parent waits and exits 0. */
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	int status, out = open("/dev/null", O_WRONLY);
	pid_t child = fork();

	if (child == 0) {
		write(out, "child\n", 6);
		_exit(3);
	}
	waitpid(child, &status, 0);
	write(out, "parent\n", 7);
	return WEXITSTATUS(status) == 3 ? 0 : 1;
}
