namespace PrintFarm.Protocol;

/// <summary>Printer ids are topic segments and grain keys: keep them short and plain.</summary>
public static class PrinterId
{
    public const int MaxLength = 64;

    public static bool IsValid(ReadOnlySpan<char> id)
    {
        if (id.IsEmpty || id.Length > MaxLength) return false;
        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) return false;
        }
        return true;
    }
}
