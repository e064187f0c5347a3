/* SPDX-License-Identifier: GPL-2.0 */
/*
 * long cc_arch_clone_call(long nr, long a1, long a2, long a3, long a4,
 *			   long a5, cc_child_fn fn, void *arg);
 *
 * cdecl: every argument on the stack.  The syscall takes eax and ebx,
 * ecx, edx, esi, edi; fn and arg must reach the child without memory,
 * because the child's stack may be fresh memory that holds nothing of
 * ours and a CLONE_VM parent may have reused its own frame by the time
 * the child runs.  Every general register but ebp carries an argument,
 * so fn and arg travel in xmm0 and xmm1: the child starts with a copy
 * of the caller's FPU and SSE registers (fpu_clone), and every CPU that
 * runs a 64-bit kernel has SSE2.
 */
#include "callee_saved.h"

	.text
	.globl	cc_arch_clone_call
	.type	cc_arch_clone_call, @function
cc_arch_clone_call:
	.cfi_startproc
	SAVE_CALLEE_SAVED
	movd	44(%esp), %xmm0		/* fn */
	movd	48(%esp), %xmm1		/* arg */
	movl	20(%esp), %eax		/* nr */
	movl	24(%esp), %ebx
	movl	28(%esp), %ecx
	movl	32(%esp), %edx
	movl	36(%esp), %esi
	movl	40(%esp), %edi
	int	$0x80
	testl	%eax, %eax
	jz	1f
	RESTORE_CALLEE_SAVED
	ret
1:
	/* Child.  Mark the outermost frame for unwinders and debuggers. */
	.cfi_undefined eip
	xorl	%ebp, %ebp
	movl	%esp, %ecx		/* initial_sp, before alignment */
	andl	$-16, %esp
	movd	%xmm0, %eax
	movd	%xmm1, %edx
	subl	$4, %esp		/* 16 bytes of arguments: aligned */
	pushl	$0			/* initial_sp is 64 bits */
	pushl	%ecx
	pushl	%edx
	call	*%eax
	movl	%eax, %ebx
	movl	$1, %eax		/* exit, not exit_group */
	int	$0x80
	hlt
	.cfi_endproc
	.size	cc_arch_clone_call, .-cc_arch_clone_call
	.section .note.GNU-stack,"",@progbits
