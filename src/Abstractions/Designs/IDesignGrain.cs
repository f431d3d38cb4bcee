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

    /// <summary>Removes the design from the catalog (its file stays while another design has the same bytes).</summary>
    [Alias("Delete")]
    Task Delete();
}
