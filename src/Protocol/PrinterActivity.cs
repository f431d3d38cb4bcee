namespace PrintFarm.Protocol;

/// <summary>What a printer is doing right now (the normalized model of PROTOCOLS.md §5).</summary>
public enum PrinterActivity
{
    Idle,
    Preparing,
    Printing,
    Pausing,
    Paused,
    Resuming,
    Cancelling,
    Error,
}
