# The screening service in a container. Build from the repository root:
#   docker build -t dermlens .
# Serve a run folder mounted read-only (the service writes nothing unless --keep-uploads):
#   docker run --rm -p 5080:5080 -v "$PWD/dermlens-demo/run:/run:ro" dermlens
# The container holds no state: run several behind any load balancer, probing /readyz.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/DermLens.Cli -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
USER app
EXPOSE 5080
ENTRYPOINT ["/app/dermlens"]
CMD ["serve", "--run", "/run", "--urls", "http://0.0.0.0:5080"]
