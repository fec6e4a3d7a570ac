/*
 * Test-only stand-in for bcryptprimitives.dll under wine 8.
 *
 * Go 1.22+ Windows executables get their random numbers from ProcessPrng in
 * bcryptprimitives.dll; wine 8 has no such export, so Go programs die at start.
 * This DLL exports ProcessPrng and fills the buffer with RtlGenRandom
 * (SystemFunction036 in advapi32). It is used only by the MSI install test and
 * is never shipped in the installer.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
	while (length > 0) {
		ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
		if (!SystemFunction036(data, chunk))
			return FALSE;
		data += chunk;
		length -= chunk;
	}
	return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
	(void)instance;
	(void)reason;
	(void)reserved;
	return TRUE;
}
