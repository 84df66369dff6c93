"""The exit statuses of the commands (SPEC "Commands"), shared by the CLI and the
library's ``exit_status``: nothing failing, findings, input problems, a bug."""

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_BUG = 0, 1, 2, 3
