namespace PrintFarm.Printers.Files;

/// <summary>
/// A printer did not get its file: it refused it, could not be reached, or kept something else.
/// The message says which in plain words for the printer's link status and never holds a secret.
/// </summary>
public sealed class PrintFileRefusedException(string problem, bool transient = false, Exception? inner = null) : Exception(problem, inner)
{
    /// <summary>Worth trying again (a timeout, a 5xx, a dropped connection); false for a refusal that will not change.</summary>
    public bool Transient { get; } = transient;
}
