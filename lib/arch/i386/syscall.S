/* SPDX-License-Identifier: GPL-2.0 */
/*
 * long cc_syscall6(long nr, long a1, long a2, long a3, long a4, long a5,
 *		    long a6);
 *
 * cdecl: every argument on the stack.  The i386 syscall convention:
 * eax nr, ebx ecx edx esi edi ebp the arguments, int $0x80 (which every
 * kernel and the compat entry of a 64-bit one take; the vDSO's
 * __kernel_vsyscall would need the auxiliary vector).  ebx, esi, edi
 * and ebp are the caller's: saved around the call.
 */
#include "callee_saved.h"

	.text
	.globl	cc_syscall6
	.type	cc_syscall6, @function
cc_syscall6:
	.cfi_startproc
	SAVE_CALLEE_SAVED
	movl	20(%esp), %eax		/* nr */
	movl	24(%esp), %ebx
	movl	28(%esp), %ecx
	movl	32(%esp), %edx
	movl	36(%esp), %esi
	movl	40(%esp), %edi
	movl	44(%esp), %ebp
	int	$0x80
	RESTORE_CALLEE_SAVED
	ret
	.cfi_endproc
	.size	cc_syscall6, .-cc_syscall6
	.section .note.GNU-stack,"",@progbits
