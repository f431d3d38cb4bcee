namespace PrintFarm.Designs.Catalog;

public sealed record CustomerDesign(Guid Design, DateTimeOffset UploadedAt);
