// Draws every chart on the page from the Plotly JSON the renderer embedded next to it.
for (const spec of document.querySelectorAll("script.plotly-figure")) {
  const figure = JSON.parse(spec.textContent);
  const target = document.getElementById(spec.dataset.target);
  const config = Object.assign({ responsive: true, displaylogo: false }, figure.config);
  window.Plotly.newPlot(target, figure.data, figure.layout, config).then(() => {
    if (figure.frames) return window.Plotly.addFrames(target, figure.frames);
  });
}
