/* SPDX-License-Identifier: GPL-2.0 */
/*
 * long cc_arch_clone_call(long nr, long a1, long a2, long a3, long a4,
 *			   long a5, cc_child_fn fn, void *arg);
 *
 * System V arguments: nr rdi, a1 rsi, a2 rdx, a3 rcx, a4 r8, a5 r9,
 * fn and arg on the stack.  fn and arg travel to the child in r12 and
 * r13, which the syscall preserves, because the child's stack may be
 * fresh memory that holds nothing of ours.
 */
	.text
	.globl	cc_arch_clone_call
	.type	cc_arch_clone_call, @function
cc_arch_clone_call:
	.cfi_startproc
	pushq	%r12
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset r12, 0
	pushq	%r13
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset r13, 0
	movq	24(%rsp), %r12		/* fn */
	movq	32(%rsp), %r13		/* arg */
	movq	%rdi, %rax
	movq	%rsi, %rdi
	movq	%rdx, %rsi
	movq	%rcx, %rdx
	movq	%r8, %r10
	movq	%r9, %r8
	syscall
	testq	%rax, %rax
	jz	1f
	popq	%r13
	.cfi_adjust_cfa_offset -8
	.cfi_restore r13
	popq	%r12
	.cfi_adjust_cfa_offset -8
	.cfi_restore r12
	ret
1:
	/* Child.  Mark the outermost frame for unwinders and debuggers. */
	.cfi_undefined rip
	xorl	%ebp, %ebp
	movq	%rsp, %rsi		/* initial_sp, before alignment */
	andq	$-16, %rsp
	movq	%r13, %rdi
	call	*%r12
	movl	%eax, %edi
	movl	$60, %eax		/* exit, not exit_group */
	syscall
	hlt
	.cfi_endproc
	.size	cc_arch_clone_call, .-cc_arch_clone_call
	.section .note.GNU-stack,"",@progbits
