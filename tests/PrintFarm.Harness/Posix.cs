using System.Runtime.InteropServices;

namespace PrintFarm.Harness;

/// <summary>Signals .NET's Process does not send: a polite SIGTERM, and the SIGKILL of a crash.</summary>
public static partial class Posix
{
    private const int SigKill = 9;
    private const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    public static void Terminate(int pid) => Kill(pid, SigTerm);

    /// <summary>kill -9: the process gets no chance to flush, deregister or say goodbye.</summary>
    public static void KillHard(int pid) => Kill(pid, SigKill);
}
