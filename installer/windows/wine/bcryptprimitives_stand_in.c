/* A stand-in for Windows' own bcryptprimitives.dll, for checking the Windows build under Wine ONLY.
 *
 * Rust programs (cryptography's and bcrypt's Windows wheels) take their random bytes from
 * bcryptprimitives.dll!ProcessPrng (Windows 10+).  Wine 8.0 has no such DLL, so those modules do
 * not load there.  This DLL goes into the Wine prefix's system32 (never into the bundle): it
 * answers ProcessPrng with BCryptGenRandom (the system's preferred RNG), which Wine has.
 *   x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll bcryptprimitives_stand_in.c -lbcrypt
 */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
    while (size > 0) {
        ULONG chunk = size > 0x40000000 ? 0x40000000 : (ULONG)size;
        if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
            return FALSE;
        data += chunk;
        size -= chunk;
    }
    return TRUE;
}
