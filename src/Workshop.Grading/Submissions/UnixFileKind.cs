using System.Runtime.InteropServices;

namespace Workshop.Grading.Submissions;

/// <summary>
/// What a directory entry really is, without following it or opening it (opening a FIFO would block): .NET reports
/// FIFOs, sockets and devices as ordinary files, so this asks <c>lstat</c> for the type bits on Linux.
/// </summary>
internal static partial class UnixFileKind
{
    private const int TypeMask = 0xF000;
    private const int Regular = 0x8000;

    /// <summary>
    /// True when <paramref name="path"/> is a plain file (not a symlink, FIFO, socket or device). Where the type bits
    /// cannot be read (not Linux on x64/arm64), only symlinks are told apart.
    /// </summary>
    public static bool IsRegularFile(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null) return false;
        var offset = ModeOffset();
        if (offset < 0) return info.Exists;
        var buffer = new byte[256];
        try
        {
            if (LStat(path, buffer) != 0) return false;
        }
        catch (EntryPointNotFoundException)
        {
            return info.Exists; // glibc older than 2.33 exports only __lxstat
        }
        return (BitConverter.ToInt32(buffer, offset) & TypeMask) == Regular;
    }

    // st_mode's place in struct stat: after st_dev, st_ino, st_nlink on x86_64; after st_dev, st_ino on the generic
    // layout arm64 uses.
    private static int ModeOffset() => !OperatingSystem.IsLinux() ? -1 : RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 24,
        Architecture.Arm64 => 16,
        _ => -1,
    };

    [LibraryImport("libc", EntryPoint = "lstat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int LStat(string path, [Out] byte[] buffer);
}
