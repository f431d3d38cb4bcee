namespace PrintFarm.Designs;

/// <summary>One design of the catalog, keyed by its UUID. Its file lives in the design store.</summary>
[Alias("PrintFarm.IDesignGrain")]
public interface IDesignGrain : IGrainWithGuidKey
{
    /// <summary>Records the design; the same record again changes nothing.</summary>
    [Alias("Create")]
    Task<DesignView> Create(DesignView design);

    /// <summary>The design, or null when there is none with this id.</summary>
    [Alias("Get")]
    Task<DesignView?> Get();

    /// <summary>
    /// The design, remembered as printed by <paramref name="orderReference"/> so that it cannot be
    /// deleted while that order is open. Throws <see cref="DesignNotFoundException"/> when there is none.
    /// </summary>
    [Alias("UseIn")]
    Task<DesignView> UseIn(string orderReference);

    /// <summary>
    /// Removes the design from the catalog (its file stays while another design has the same bytes).
    /// Throws <see cref="DesignInUseException"/> while an open order prints it.
    /// </summary>
    [Alias("Delete")]
    Task Delete();
}
