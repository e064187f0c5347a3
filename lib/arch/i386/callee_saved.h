/* SPDX-License-Identifier: GPL-2.0 */
/*
 * For the i386 assembly: the registers a cdecl callee must give back
 * (ebp, edi, esi, ebx), which the syscall convention takes as arguments.
 * After SAVE_CALLEE_SAVED the caller's first argument is at 20(%esp).
 */
#ifndef CLONECHECK_CALLEE_SAVED_H
#define CLONECHECK_CALLEE_SAVED_H

	.macro SAVE_CALLEE_SAVED
	pushl	%ebp
	.cfi_adjust_cfa_offset 4
	.cfi_rel_offset ebp, 0
	pushl	%edi
	.cfi_adjust_cfa_offset 4
	.cfi_rel_offset edi, 0
	pushl	%esi
	.cfi_adjust_cfa_offset 4
	.cfi_rel_offset esi, 0
	pushl	%ebx
	.cfi_adjust_cfa_offset 4
	.cfi_rel_offset ebx, 0
	.endm

	.macro RESTORE_CALLEE_SAVED
	popl	%ebx
	.cfi_adjust_cfa_offset -4
	.cfi_restore ebx
	popl	%esi
	.cfi_adjust_cfa_offset -4
	.cfi_restore esi
	popl	%edi
	.cfi_adjust_cfa_offset -4
	.cfi_restore edi
	popl	%ebp
	.cfi_adjust_cfa_offset -4
	.cfi_restore ebp
	.endm

#endif
