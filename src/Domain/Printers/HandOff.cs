namespace PrintFarm.Printers;

/// <summary>What <see cref="LatestWins{T}"/> does with a message offered for a printer.</summary>
public enum HandOff
{
    /// <summary>Hand it to the printer's grain now.</summary>
    Now,
    /// <summary>It waits until the grain is done with the message in hand.</summary>
    Waits,
    /// <summary>It waits, in place of an older message that had waited: that one is dropped.</summary>
    Replaces,
}
