namespace PrintFarm.Printers;

/// <summary>What one job event means: whether it is new, and whether the printer is now free.</summary>
public readonly record struct PrinterEventOutcome(bool IsNew, bool BecameFree);
