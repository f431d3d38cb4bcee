namespace PrintFarm.Printers.Links;

/// <summary>Where a printer's connection stands.</summary>
public enum LinkState
{
    /// <summary>The printer is not registered, or speaks the native protocol (no link of its own).</summary>
    None,
    Connecting,
    Connected,
    /// <summary>The last attempt failed; the next one waits (backoff with jitter).</summary>
    Retrying,
    /// <summary>The registration cannot be used as it is (e.g. the CA file is missing): nothing is tried until it changes.</summary>
    Misconfigured,
}
