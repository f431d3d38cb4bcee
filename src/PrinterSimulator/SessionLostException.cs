namespace PrintFarm.PrinterSimulator;

/// <summary>
/// The first "failed try" of a reconnect after a session was lost. Counting the loss as a failure
/// makes a printer wait a first delay before it knocks again: a broker that restarts drops every
/// printer at the same moment, and they should not all be back in the same one.
/// </summary>
internal sealed class SessionLostException() : Exception("the broker connection was lost");
