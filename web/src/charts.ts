// Chart.js, registered with only the pieces the dashboard uses (loaded on demand).
import {
  ArcElement, BarController, BarElement, BubbleController, CategoryScale, Chart, DoughnutController, Legend, LinearScale,
  LineController, LineElement, PointElement, ScatterController, Tooltip,
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, DoughnutController, ArcElement, Legend, Tooltip,
  BubbleController, ScatterController, PointElement, LineController, LineElement);  // lines: Pareto's cumulative share
Chart.defaults.font.family = getComputedStyle(document.body).fontFamily || 'system-ui, sans-serif';
Chart.defaults.color = '#374151';

export function barChart(canvas: HTMLCanvasElement, labels: string[], values: number[], colors: string[], label: string): Chart {
  return new Chart(canvas, {
    type: 'bar',
    data: { labels, datasets: [{ label, data: values, backgroundColor: colors, borderRadius: 4, maxBarThickness: 56 }] },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: false } },
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } }, x: { grid: { display: false } } },
    },
  });
}

export function doughnutChart(canvas: HTMLCanvasElement, labels: string[], values: number[], colors: string[]): Chart {
  return new Chart(canvas, {
    type: 'doughnut',
    data: { labels, datasets: [{ data: values, backgroundColor: colors, borderWidth: 2, borderColor: '#ffffff' }] },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      cutout: '55%',
      plugins: { legend: { position: 'right' } },
    },
  });
}

export { Chart };
