namespace PrintFarm.Gateway.Console.Fleet;

/// <summary>What a printer's tile says it is doing, in the words of the floor.</summary>
public enum TileState
{
    Printing,
    Paused,
    Idle,
    /// <summary>Silent while a job was on it: the job waits to hear how it went.</summary>
    Stalled,
    Offline,
    /// <summary>The printer reports an error state.</summary>
    Problem,
    Maintenance,
    OutOfService,
}
