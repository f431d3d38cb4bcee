namespace PrintFarm.Designs.Intake;

/// <summary>What intake read from an accepted file: its facts, and the thumbnail to keep beside it.</summary>
public sealed record IntakeResult(PrintFileFacts Facts, Thumbnail? Thumbnail);
